/**
 * Splits a style sheet (antd's zero-runtime `antd.css`, ~1 MB) in two by the components a view
 * draws: the rules that can match one of those components' elements, and the rest. The browser
 * parses and matches every rule of a style sheet before the first frame; the leader overview draws a
 * dozen of antd's ~70 components, so most of that work is for other views. Run at build time
 * (web/vite.config.ts); pure string work, no CSS library.
 *
 * A rule is kept for the view when one of its selectors names only classes of the listed components
 * (`.ant-table-row` is the table's, `.ant-select-dropdown` the select's) or no antd class at all
 * (`:root`, `.anticon`, resets): a selector naming another component's class cannot match the view's
 * elements. At-rules with rules inside (`@media`, `@supports`, `@layer`) are split rule by rule; other
 * at-rules (`@keyframes`, `@font-face`, `@property`) are kept whole with the view's part.
 */
export function splitStyleSheet(css: string, components: readonly string[]): { view: string; rest: string } {
  const view: string[] = [];
  const rest: string[] = [];
  for (const rule of topLevelRules(css)) {
    const open = rule.indexOf('{');
    if (open < 0) {
      view.push(rule);
      continue;
    }
    const prelude = rule.slice(0, open).trim();
    if (prelude.startsWith('@')) {
      if (/^@(media|supports|layer|container)\b/.test(prelude)) {
        const inner = splitStyleSheet(rule.slice(open + 1, rule.lastIndexOf('}')), components);
        if (inner.view) view.push(`${prelude}{${inner.view}}`);
        if (inner.rest) rest.push(`${prelude}{${inner.rest}}`);
      } else view.push(rule);
      continue;
    }
    (selectorsMatch(prelude, components) ? view : rest).push(rule);
  }
  return { view: view.join(''), rest: rest.join('') };
}

/** Whether one of the selectors (comma-separated) names only the components' classes (or no antd class). */
function selectorsMatch(selectors: string, components: readonly string[]): boolean {
  return splitTopLevel(selectors, ',').some((selector) => {
    // Class names only: inside :where()/:not() they still name the component they style.
    const classes = [...selector.matchAll(/\.ant-([a-z0-9-]+)/g)].map((m) => m[1]!);
    return classes.every((name) => components.some((c) => name === c || name.startsWith(`${c}-`)));
  });
}

/** The top-level rules of a style sheet, each `prelude{…}` whole (strings and comments respected). */
function topLevelRules(css: string): string[] {
  const rules: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < css.length; i++) {
    const c = css[i];
    if (c === '"' || c === "'") i = endOfString(css, i);
    else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end < 0 ? css.length : end + 1;
      if (depth === 0) start = i + 1;
    } else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) {
        rules.push(css.slice(start, i + 1).trim());
        start = i + 1;
      }
    } else if (c === ';' && depth === 0) {
      // A statement at-rule (`@import …;`, `@charset …;`): kept with the view's part.
      rules.push(css.slice(start, i + 1).trim());
      start = i + 1;
    }
  }
  return rules.filter((r) => r !== '' && r !== ';');
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") i = endOfString(text, i);
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function endOfString(text: string, at: number): number {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return text.length;
}
