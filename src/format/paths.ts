import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A result's file relative to cwd with forward slashes (what CI annotations and reports name). */
export function relativePath(cwd: string, file: string): string {
  const rel = relative(cwd, resolve(cwd, file)).split('\\').join('/');
  return rel === '' ? file : rel;
}

/** A SARIF artifact URI: relative to the source root when inside it, else an absolute file URI. */
export function artifactUri(cwd: string, file: string): { uri: string; uriBaseId?: string } {
  const rel = relativePath(cwd, file);
  if (rel.startsWith('../') || isAbsolute(rel)) return { uri: pathToFileURL(resolve(cwd, file)).href };
  return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}
