// Light, dark, or the system's: the choice is kept in localStorage and applied as data-theme on
// <html> (index.html applies it before the first paint). Charts redraw when it changes.

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'lumen-theme';
type Listener = (theme: Theme) => void;
const listeners = new Set<Listener>();
const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

export function themeChoice(): ThemeChoice {
  const saved = localStorage.getItem(KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

/** The page's background per theme (--lm-bg in index.css), which the browser's bar and the installed app's title bar take. */
export const BAR_COLOURS: Record<Theme, string> = { light: '#f4f6f9', dark: '#0a0d13' };

/** index.html's two theme-color tags follow the system; a theme picked here sets both to its colour. */
function applyBarColour(choice: ThemeChoice) {
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const own: Theme = meta.media.includes('dark') ? 'dark' : 'light';
    meta.content = BAR_COLOURS[choice === 'system' ? own : choice];
  }
}

function apply() {
  const choice = themeChoice();
  applyBarColour(choice);
  const theme = resolveTheme(choice, media?.matches ?? false);
  if (document.documentElement.dataset.theme !== theme) {
    document.documentElement.dataset.theme = theme;
    for (const listener of listeners) listener(theme);
  }
}

export function setThemeChoice(choice: ThemeChoice) {
  if (choice === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, choice);
  apply();
}

export function onThemeChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

media?.addEventListener('change', apply);
// A theme picked in an earlier visit: the bar takes its colour from the start.
if (typeof document !== 'undefined') applyBarColour(themeChoice());

/** A CSS custom property of the current theme, for canvas drawing. */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
