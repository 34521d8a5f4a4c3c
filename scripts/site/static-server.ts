/**
 * A tiny static file server for a built site, on 127.0.0.1, serving it under its
 * base path the way GitHub Pages does: `/dir/` serves `dir/index.html`, `/dir`
 * redirects to `/dir/`, and a missing file gets the site's 404.html with status 404.
 * With `compress`, text is gzipped as a real host would (the browser still reports
 * the uncompressed size of each body).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createGzip } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  origin: string;
  /** Serves this directory from now on (the server can start before the site is built). */
  setRoot(dir: string): void;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** The URL path the site lives under, e.g. `/` or `/sequelize-tutorial/`. */
  basePath: string;
  /** The built site; may also be given later with setRoot. */
  root?: string;
  /** A fixed port; by default the system picks a free one. */
  port?: number;
  /** Gzip HTML, CSS, JS, JSON, SVG and XML for clients that accept it. */
  compress?: boolean;
}

/** Starts the server and resolves once it listens. */
export async function serveSite(options: ServeOptions): Promise<StaticServer> {
  const basePath = options.basePath.endsWith('/') ? options.basePath : `${options.basePath}/`;
  let root = options.root;

  const server: Server = createServer((request, response) => {
    void (async () => {
      const send = async (status: number, file: string): Promise<void> => {
        const info = await stat(file);
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        const gzip = options.compress && /^(text\/|application\/(json|xml)|image\/svg)/.test(type) && /\bgzip\b/.test(String(request.headers['accept-encoding']));
        response.writeHead(status, {
          'content-type': type,
          'cache-control': 'no-cache',
          ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : { 'content-length': info.size }),
        });
        if (request.method === 'HEAD') response.end();
        else if (gzip) createReadStream(file).pipe(createGzip()).pipe(response);
        else createReadStream(file).pipe(response);
      };
      const notFound = async (): Promise<void> => {
        const page = root ? join(root, '404.html') : undefined;
        if (page && (await isFile(page))) return send(404, page);
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      };

      const url = new URL(request.url ?? '/', 'http://localhost');
      let path: string;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        return notFound();
      }
      if (!root || (!path.startsWith(basePath) && `${path}/` !== basePath)) return notFound();
      if (`${path}/` === basePath) {
        response.writeHead(301, { location: basePath }).end();
        return;
      }
      const relative = normalize(path.slice(basePath.length));
      if (relative.startsWith('..') || relative.includes(`${sep}..${sep}`)) return notFound();
      const file = join(root, relative);
      if (await isFile(file)) return send(200, file);
      if (await isFile(join(file, 'index.html'))) {
        if (!path.endsWith('/')) {
          response.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
          return;
        }
        return send(200, join(file, 'index.html'));
      }
      return notFound();
    })().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setRoot(dir: string) {
      root = dir;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
