/**
 * The replica's presence in a simulated call: a drawn portrait that breathes and blinks while it
 * listens, and whose mouth and halo move while it speaks. Drawn here (no image to fetch, so it
 * works offline); the motion is CSS (session.css) and stops under prefers-reduced-motion.
 */
export function ReplicaPortrait({ speaking }: { speaking: boolean }) {
  return (
    <svg
      className={`portrait${speaking ? ' portrait--speaking' : ''}`}
      viewBox="0 0 200 200"
      role="img"
      aria-label={speaking ? 'The replica, speaking' : 'The replica, listening'}
    >
      <defs>
        <radialGradient id="portrait-halo" cx="50%" cy="45%" r="55%">
          <stop offset="0%" stopColor="var(--portrait-halo)" stopOpacity="0.55" />
          <stop offset="100%" stopColor="var(--portrait-halo)" stopOpacity="0" />
        </radialGradient>
        <linearGradient id="portrait-skin" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0%" stopColor="#f2cfb3" />
          <stop offset="100%" stopColor="#e0b293" />
        </linearGradient>
      </defs>
      <circle className="portrait__halo" cx="100" cy="95" r="95" fill="url(#portrait-halo)" />
      <g className="portrait__body">
        {/* shoulders and sweater */}
        <path d="M30 200 C34 158 62 140 100 140 C138 140 166 158 170 200 Z" fill="#5b7a8c" />
        <path d="M84 140 L100 162 L116 140 Z" fill="#e0b293" />
        {/* neck */}
        <rect x="88" y="118" width="24" height="26" rx="10" fill="#e0b293" />
        {/* hair behind */}
        <path d="M52 92 C48 48 76 30 102 30 C132 30 154 50 150 96 C150 116 146 128 140 134 L60 134 C54 126 52 110 52 92 Z" fill="#4a3428" />
        {/* face */}
        <ellipse cx="100" cy="88" rx="38" ry="44" fill="url(#portrait-skin)" />
        {/* fringe */}
        <path d="M62 78 C64 52 84 42 104 44 C122 46 136 56 139 76 C124 64 106 60 90 62 C78 64 68 70 62 78 Z" fill="#4a3428" />
        <g className="portrait__eyes" fill="#2f2a28">
          <ellipse cx="86" cy="88" rx="4" ry="4.5" />
          <ellipse cx="114" cy="88" rx="4" ry="4.5" />
        </g>
        <path d="M80 78 Q86 75 92 78 M108 78 Q114 75 120 78" stroke="#4a3428" strokeWidth="2" fill="none" strokeLinecap="round" />
        <path d="M99 92 Q97 102 101 104" stroke="#c9957a" strokeWidth="2" fill="none" strokeLinecap="round" />
        <ellipse cx="78" cy="102" rx="6" ry="3.5" fill="#eaa58c" opacity="0.45" />
        <ellipse cx="122" cy="102" rx="6" ry="3.5" fill="#eaa58c" opacity="0.45" />
        <g className="portrait__mouth">
          <path
            className="portrait__smile"
            d="M89 112 Q100 119 111 112"
            stroke="#a45a4f"
            strokeWidth="2.5"
            fill="none"
            strokeLinecap="round"
          />
          <ellipse className="portrait__open" cx="100" cy="114" rx="7" ry="4" fill="#7d3b36" />
        </g>
      </g>
    </svg>
  );
}
