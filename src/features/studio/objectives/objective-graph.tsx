import { useId } from 'react';

interface GraphItem {
  objective_name?: unknown;
  next_required_objectives?: unknown;
  next_conditional_objectives?: unknown;
}

export interface Edge {
  from: string;
  to: string;
  /** Absent for a required next objective. */
  condition?: string;
}

export function graphOf(items: GraphItem[]): { nodes: string[]; edges: Edge[] } {
  const nodes = items.map((item) => String(item.objective_name ?? '')).filter(Boolean);
  const edges: Edge[] = [];
  for (const item of items) {
    const from = String(item.objective_name ?? '');
    if (Array.isArray(item.next_required_objectives)) for (const to of item.next_required_objectives) edges.push({ from, to: String(to) });
    if (item.next_conditional_objectives && typeof item.next_conditional_objectives === 'object') {
      for (const [to, condition] of Object.entries(item.next_conditional_objectives))
        edges.push({ from, to, condition: String(condition) });
    }
  }
  return { nodes, edges };
}

/** Column of each node: the longest chain of objectives leading to it (cycles stop counting). */
function depths(nodes: string[], edges: Edge[]): Map<string, number> {
  const depth = new Map(nodes.map((n) => [n, 0]));
  for (let round = 0; round < nodes.length; round += 1) {
    let moved = false;
    for (const { from, to } of edges) {
      const next = (depth.get(from) ?? 0) + 1;
      if (depth.has(to) && next > depth.get(to)! && next < nodes.length) {
        depth.set(to, next);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return depth;
}

const W = 170;
const H = 34;
const GAP_X = 60;
const GAP_Y = 22;

/** The flow of a set of objectives: a drawing, and the same flow as a list for every reader. */
export function ObjectiveGraph({ items, label }: { items: GraphItem[]; label: string }) {
  const id = useId();
  const { nodes, edges } = graphOf(items);
  if (nodes.length === 0) return null;
  const depth = depths(nodes, edges);
  const rows = new Map<number, number>();
  const at = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const column = depth.get(node) ?? 0;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    at.set(node, { x: 10 + column * (W + GAP_X), y: 10 + row * (H + GAP_Y) });
  }
  const width = 20 + (Math.max(...depth.values()) + 1) * (W + GAP_X);
  const height = 20 + Math.max(...rows.values()) * (H + GAP_Y);
  return (
    <figure className="studio-graph">
      <svg role="img" aria-labelledby={`${id}-t`} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
        <title id={`${id}-t`}>{`${label}: ${edges.length ? edges.map((e) => `${e.from} to ${e.to}`).join(', ') : nodes.join(', ')}`}</title>
        <defs>
          <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#3b5bdb" />
          </marker>
        </defs>
        {edges.map((edge, i) => {
          const a = at.get(edge.from);
          const b = at.get(edge.to);
          if (!a || !b) return null;
          return (
            <line
              key={i}
              x1={a.x + W}
              y1={a.y + H / 2}
              x2={b.x}
              y2={b.y + H / 2}
              stroke="#3b5bdb"
              strokeWidth="1.5"
              strokeDasharray={edge.condition ? '5 4' : undefined}
              markerEnd={`url(#${id}-arrow)`}
            />
          );
        })}
        {nodes.map((node) => {
          const p = at.get(node)!;
          return (
            <g key={node}>
              <rect x={p.x} y={p.y} width={W} height={H} rx="6" fill="#ffffff" stroke="#5a5a60" />
              <text x={p.x + 8} y={p.y + H / 2 + 4}>
                {node.length > 22 ? `${node.slice(0, 21)}…` : node}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul aria-label={`${label}, step by step`}>
          {nodes.map((node) => {
            const out = edges.filter((e) => e.from === node);
            return (
              <li key={node}>
                <code>{node}</code>
                {out.length === 0 ? (
                  ' (last step)'
                ) : (
                  <ul>
                    {out.map((e) => (
                      <li key={`${e.to}:${e.condition ?? ''}`}>
                        → <code>{e.to}</code> {e.condition ? `if ${e.condition}` : '(required next)'}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      </figcaption>
    </figure>
  );
}
