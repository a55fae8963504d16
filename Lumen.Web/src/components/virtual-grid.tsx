import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

const OVERSCAN_ROWS = 2;

/**
 * A responsive CSS grid that renders only the rows near the viewport once it holds more than
 * `threshold` items: a fleet of hundreds of hosts then costs a live frame a screenful of cards,
 * not hundreds. Items must all have the same height (the host cards do); the grid's columns and
 * gaps come from its CSS, measured, so the breakpoints stay in the class names.
 */
export function VirtualGrid<T>({
  items,
  keyOf,
  render,
  className,
  threshold = 40,
}: {
  items: T[];
  keyOf: (item: T) => string | number;
  render: (item: T) => ReactNode;
  className: string;
  threshold?: number;
}) {
  const outerRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const [layout, setLayout] = useState({ columns: 1, rowHeight: 0 });
  const [rows, setRows] = useState({ first: 0, last: 8 });
  const virtual = items.length > threshold;

  const measure = useCallback(() => {
    const grid = gridRef.current;
    const first = grid?.firstElementChild as HTMLElement | null;
    if (!grid || !first) return;
    const style = getComputedStyle(grid);
    const columns = Math.max(1, style.gridTemplateColumns.split(' ').filter(Boolean).length);
    const rowHeight = first.offsetHeight + (parseFloat(style.rowGap) || 0);
    setLayout((l) => (l.columns === columns && l.rowHeight === rowHeight ? l : { columns, rowHeight }));
  }, []);

  const place = useCallback(() => {
    const outer = outerRef.current;
    if (!outer || layout.rowHeight === 0) return;
    const top = outer.getBoundingClientRect().top;
    const first = Math.max(0, Math.floor(-top / layout.rowHeight) - OVERSCAN_ROWS);
    const last = Math.ceil((window.innerHeight - top) / layout.rowHeight) + OVERSCAN_ROWS;
    setRows((r) => (r.first === first && r.last === last ? r : { first, last }));
  }, [layout.rowHeight]);

  useLayoutEffect(() => {
    if (!virtual) return;
    measure();
    const observer = new ResizeObserver(measure);
    if (gridRef.current) observer.observe(gridRef.current);
    return () => observer.disconnect();
  }, [virtual, measure]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: items.length is the trigger: more or fewer cards change the rows to place.
  useLayoutEffect(() => {
    if (virtual) place();
  }, [virtual, place, items.length]);

  useEffect(() => {
    if (!virtual) return;
    window.addEventListener('scroll', place, { passive: true });
    window.addEventListener('resize', place);
    return () => {
      window.removeEventListener('scroll', place);
      window.removeEventListener('resize', place);
    };
  }, [virtual, place]);

  if (!virtual)
    return (
      <div className={className}>
        {items.map((item) => (
          <Fragment key={keyOf(item)}>{render(item)}</Fragment>
        ))}
      </div>
    );

  const totalRows = Math.ceil(items.length / layout.columns);
  const firstRow = Math.min(rows.first, Math.max(0, totalRows - 1));
  const lastRow = Math.min(totalRows, rows.last);
  const visible = items.slice(firstRow * layout.columns, lastRow * layout.columns);
  return (
    <div ref={outerRef} style={{ position: 'relative', height: layout.rowHeight ? totalRows * layout.rowHeight : undefined }}>
      <div
        ref={gridRef}
        className={className}
        style={{ position: layout.rowHeight ? 'absolute' : undefined, insetInline: 0, top: firstRow * layout.rowHeight }}
      >
        {visible.map((item) => (
          <Fragment key={keyOf(item)}>{render(item)}</Fragment>
        ))}
      </div>
    </div>
  );
}
