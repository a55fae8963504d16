import { describeZoom, type Zoom } from '../../lib/zoom';
import { Button, Spinner } from '../../components/ui';

/**
 * While zoomed: the span shown and Reset zoom (or Escape), in a bar kept at the bottom of the
 * window so it is in view whichever chart was dragged. Otherwise a hint, for mouse users only
 * (a drag on a touch screen scrolls the page).
 */
export function ZoomBar({ zoom, loading, onReset }: { zoom: Zoom | null; loading: boolean; onReset: () => void }) {
  // The hint's line stays when zoomed, so the charts do not move under the pointer that dragged.
  const hint = (
    <p className="hidden px-1 text-xs text-faint pointer-fine:block">
      {zoom ? 'Drag again to zoom further; Escape returns to the picked range.' : 'Drag across a chart to zoom in.'}
    </p>
  );
  if (!zoom) return hint;
  return (
    <>
      {hint}
      <div
        className="panel fixed bottom-4 left-1/2 z-30 flex -translate-x-1/2 items-center gap-3 py-1.5 pr-1.5 pl-3.5 text-sm shadow-lg"
        data-testid="zoom-bar"
        data-from={zoom.from}
        data-to={zoom.to}
      >
        {loading && <Spinner className="text-muted" />}
        <span className="whitespace-nowrap text-muted">
          Zoomed to <span className="tabular font-medium text-fg">{describeZoom(zoom)}</span>
        </span>
        <Button onClick={onReset} title="Back to the picked range (Escape)" aria-keyshortcuts="Escape">
          Reset zoom
        </Button>
      </div>
    </>
  );
}
