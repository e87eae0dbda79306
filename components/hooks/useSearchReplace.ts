'use client';
/**
 * The page's query string, and a way to change it in place (router.replace)
 * that builds on the last change asked for rather than the last one
 * rendered: two filters changed in quick succession both stick, where
 * reading useSearchParams in each handler would let the second undo the first.
 *
 * @example
 *   const [search, replaceSearch] = useSearchReplace();
 *   replaceSearch((next) => next.set('severity', 'critical'));
 */
import { useCallback, useEffect, useRef } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';

export function useSearchReplace(): [URLSearchParams, (change: (next: URLSearchParams) => void) => void] {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const rendered = search.toString();
  /** The query string last asked for and not yet rendered. */
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (pending.current === rendered) pending.current = null;
  }, [rendered]);
  const replace = useCallback(
    (change: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(pending.current ?? rendered);
      change(next);
      const text = next.toString().replaceAll('%2C', ',');
      pending.current = text;
      router.replace(text ? `${pathname}?${text}` : pathname, { scroll: false });
    },
    [router, pathname, rendered],
  );
  return [new URLSearchParams(rendered), replace];
}
