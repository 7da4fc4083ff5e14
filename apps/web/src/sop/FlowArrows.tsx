import { useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { flowEdges, type SopDocument } from './model';

interface Box {
  cx: number;
  cy: number;
  hw: number;
  hh: number;
}

interface Arrow {
  key: string;
  points: [number, number][];
  label: string | null;
  labelAt: [number, number];
  labelAnchor: 'start' | 'end';
}

const channelGap = 8;
const channelStep = 5;

/**
 * The arrows between the steps' symbols, drawn over the table: straight down (with an elbow)
 * to the next row, and round the side along a channel beside the target for a jump or a return,
 * the way the printed SOP draws them. Recomputed whenever the table changes size.
 */
export function useFlowArrows(doc: SopDocument, root: HTMLDivElement | null) {
  const { t } = useTranslation();
  const [layout, setLayout] = useState<{ width: number; height: number; arrows: Arrow[] }>({
    width: 0,
    height: 0,
    arrows: [],
  });

  useLayoutEffect(() => {
    if (!root) return;
    const measure = () => {
      const base = root.getBoundingClientRect();
      const boxes = new Map<number, Box>();
      doc.steps.forEach((step, index) => {
        const el = root.querySelector<SVGElement>(
          `svg.sop-symbol[data-step-index="${index}"][data-lane="${step.lanes[0]}"]`,
        );
        if (!el) return;
        const r = el.getBoundingClientRect();
        boxes.set(index, {
          cx: r.left - base.left + r.width / 2,
          cy: r.top - base.top + r.height / 2,
          hw: r.width / 2,
          hh: r.height / 2,
        });
      });
      const channels = new Map<string, number>();
      const exits = new Set<string>();
      const arrows: Arrow[] = [];
      for (const e of flowEdges(doc)) {
        const s = boxes.get(e.from);
        const d = boxes.get(e.to);
        if (!s || !d) continue;
        const label = e.label ? t(`sop.table.arrow.${e.label}`) : null;
        const key = `${e.from}-${e.to}`;
        if (e.to === e.from + 1) {
          const start: [number, number] = [s.cx, s.cy + s.hh];
          const end: [number, number] = [d.cx, d.cy - d.hh];
          const mid = (start[1] + end[1]) / 2;
          const points: [number, number][] =
            Math.abs(s.cx - d.cx) < 1 ? [start, end] : [start, [s.cx, mid], [d.cx, mid], end];
          arrows.push({ key, points, label, labelAt: [s.cx + 4, s.cy + s.hh + 11], labelAnchor: 'start' });
          continue;
        }
        const side = d.cx > s.cx + 1 ? -1 : 1;
        const exitSide = Math.abs(d.cx - s.cx) < 1 ? 1 : d.cx > s.cx ? 1 : -1;
        const exitKey = `${e.from}:${exitSide}`;
        const start: [number, number][] = exits.has(exitKey)
          ? [
              [s.cx, s.cy + s.hh],
              [s.cx, s.cy + s.hh + 6],
            ]
          : [[s.cx + exitSide * s.hw, s.cy]];
        exits.add(exitKey);
        const channelKey = `${Math.round(d.cx)}:${side}`;
        const k = channels.get(channelKey) ?? 0;
        channels.set(channelKey, k + 1);
        const x = d.cx + side * (d.hw + channelGap + channelStep * k);
        const first = start.at(-1)!;
        arrows.push({
          key,
          points: [...start, [x, first[1]], [x, d.cy], [d.cx + side * d.hw, d.cy]],
          label,
          labelAt: start.length === 1 ? [first[0] + exitSide * 3, first[1] - 4] : [s.cx + 4, s.cy + s.hh + 11],
          labelAnchor: start.length === 1 && exitSide < 0 ? 'end' : 'start',
        });
      }
      setLayout({ width: root.scrollWidth, height: root.scrollHeight, arrows });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    return () => observer.disconnect();
  }, [doc, root, t]);

  return layout;
}

/** `container` is the positioned element around the table (given once it is in the page). */
export function FlowArrows({ doc, container }: { doc: SopDocument; container: HTMLDivElement | null }) {
  const { width, height, arrows } = useFlowArrows(doc, container);
  if (width === 0) return null;
  return (
    <svg
      className="sop-flow-arrows"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      aria-hidden
      data-testid="sop-flow-arrows"
    >
      <defs>
        <marker id="sop-arrowhead" viewBox="0 0 8 8" refX="7.5" refY="4" markerWidth="7" markerHeight="7" orient="auto">
          <path d="M0,0 L8,4 L0,8 z" fill="var(--sop-arrow)" />
        </marker>
      </defs>
      {arrows.map((a) => (
        <g key={a.key} data-arrow={a.key}>
          <polyline
            points={a.points.map((p) => p.join(',')).join(' ')}
            fill="none"
            stroke="var(--sop-arrow)"
            strokeWidth={1.3}
            markerEnd="url(#sop-arrowhead)"
          />
          {a.label ? (
            <text x={a.labelAt[0]} y={a.labelAt[1]} textAnchor={a.labelAnchor} className="sop-arrow-label">
              {a.label}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}
