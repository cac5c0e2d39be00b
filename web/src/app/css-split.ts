import postcss, { type ChildNode, type Container } from 'postcss';

/**
 * Splits a style sheet (antd's zero-runtime `antd.css`, ~1 MB) in two by the components a view
 * draws: the rules that can match one of those components' elements, and the rest. The browser
 * parses and matches every rule of a style sheet before the first frame; the leader overview draws a
 * dozen of antd's ~70 components, so most of that work is for other views. Run at build time
 * (web/vite.config.ts) on PostCSS's parse (Vite's own CSS parser), comments dropped.
 *
 * A rule is kept for the view when one of its selectors names only classes of the listed components
 * (`.ant-table-row` is the table's, `.ant-select-dropdown` the select's) or no antd class at all
 * (`:root`, `.anticon`, resets): a selector naming another component's class cannot match the view's
 * elements. At-rules with rules inside (`@media`, `@supports`, `@layer`, `@container`) are split rule
 * by rule; other at-rules (`@keyframes`, `@font-face`, `@property`, `@import`) are kept whole with the
 * view's part.
 */
export function splitStyleSheet(css: string, components: readonly string[]): { view: string; rest: string } {
  const view = postcss.root();
  const rest = postcss.root();
  split(postcss.parse(css).nodes, components, view, rest);
  return { view: view.toString(), rest: rest.toString() };
}

function split(nodes: ChildNode[], components: readonly string[], view: Container, rest: Container): void {
  for (const node of nodes) {
    if (node.type === 'comment') continue;
    if (node.type === 'atrule' && node.nodes && /^(media|supports|layer|container)$/.test(node.name)) {
      const [viewPart, restPart] = [node.clone({ nodes: [] }), node.clone({ nodes: [] })];
      split(node.nodes, components, viewPart, restPart);
      if (viewPart.first) view.append(viewPart);
      if (restPart.first) rest.append(restPart);
    } else if (node.type === 'rule' && !selectorsMatch(node.selectors, components)) rest.append(node.clone());
    else view.append(node.clone());
  }
}

/** Whether one of the selectors names only the components' classes (or no antd class). */
function selectorsMatch(selectors: string[], components: readonly string[]): boolean {
  return selectors.some((selector) => {
    // Class names only: inside :where()/:not() they still name the component they style.
    const classes = [...selector.matchAll(/\.ant-([a-z0-9-]+)/g)].map((m) => m[1]!);
    return classes.every((name) => components.some((c) => name === c || name.startsWith(`${c}-`)));
  });
}
