import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { differingPlaces } from '../scripts/lib/page-diff.ts';

describe('where a page differs', () => {
  it('names the line, and the dialect whose section it stands in', () => {
    const page = ['Intro.', '', '{{< highlight sql "schema=a.ts#r" >}}', '@dialect sqlite', 'CREATE TABLE a;', '@dialect postgres', 'CREATE TABLE a (id integer);', '{{< /highlight >}}', '', '{{< highlight text "output=a.ts#r" >}}', 'same everywhere', '{{< /highlight >}}', ''].join('\n');
    const edited = page.replace('id integer', 'id bigint').replace('same everywhere', 'edited by hand');
    assert.deepEqual(differingPlaces('p.md', edited, page), [
      'p.md:7: [postgres] differs from what the examples produce',
      'p.md:11: differs from what the examples produce',
    ]);
  });
});
