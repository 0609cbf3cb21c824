// The console's location: real paths under /console/ (the server and the service worker
// serve console/index.html for every one of them), moved with the History API.
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/console';

/** The path below /console, always starting with "/" ("/", "/events/…", "/users"). */
export function currentPath(): string {
  const rest = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '/';
  return rest.startsWith('/') ? rest : `/${rest}`;
}

export const href = (path: string) => `${BASE}${path}`;

export function navigate(path: string, replace = false): void {
  const url = href(path);
  if (url === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** Follows in-app links (<a href="/console/…">) without a page load. */
function onLinkClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
  if (a.pathname !== BASE && !a.pathname.startsWith(`${BASE}/`)) return;
  e.preventDefault();
  navigate(a.pathname.slice(BASE.length) || '/');
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => {
      setPath(currentPath());
      window.scrollTo(0, 0);
    };
    addEventListener('popstate', update);
    document.addEventListener('click', onLinkClick);
    return () => {
      removeEventListener('popstate', update);
      document.removeEventListener('click', onLinkClick);
    };
  }, []);
  return path;
}
