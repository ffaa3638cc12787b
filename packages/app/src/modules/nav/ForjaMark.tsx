/** Forja's mark: an anvil under a spark, drawn in the sidebar's accent colour. */
export const FORJA_ACCENT = '#ff8a3d';

export const ForjaMark = ({ size }: { size: number }) => (
  <svg
    width={size}
    height={size}
    viewBox="0 0 32 32"
    role="img"
    aria-label="Forja"
    xmlns="http://www.w3.org/2000/svg"
  >
    <path
      fill={FORJA_ACCENT}
      d="M16 2l1.6 3.6L21 7l-3.4 1.4L16 12l-1.6-3.6L11 7l3.4-1.4z"
    />
    <path
      fill={FORJA_ACCENT}
      d="M3 14h20c0 2.8 2.2 5 5 5h1v2h-7.5c-1.4 0-2.5 1.1-2.5 2.5V25h3v4H10v-4h3v-1.5c0-1.4-1.1-2.5-2.5-2.5H9c-3.3 0-6-2.7-6-6z"
    />
  </svg>
);
