import { lazy, useState, type ComponentType } from 'react';

/**
 * A view's chunk as React.lazy loads it, that can also be started early (`preload`, the warm start).
 * When the chunk is already in at the view's first render, the view renders at once: React.lazy
 * itself always suspends on its first render (its import's promise is new), which drew the route's
 * fallback in one frame and the view in a later task.
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () => (loading ??= load().then((component) => (loaded = component)));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Preloadable(props: P) {
    // Fixed at mount: switching from the lazy element to the component later would remount the view.
    const [Component] = useState(() => loaded ?? Lazy);
    return <Component {...props} />;
  }
  return Object.assign(Preloadable, { preload });
}
