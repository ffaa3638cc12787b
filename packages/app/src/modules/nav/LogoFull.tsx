import { useTheme } from '@material-ui/core';
import { ForjaMark } from './ForjaMark';

/** The open sidebar's logo: Forja's mark and name. */
export const LogoFull = () => {
  const theme = useTheme();
  return (
    <span
      style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}
      aria-label="Forja"
    >
      <ForjaMark size={30} />
      <span
        style={{
          color: '#ffffff',
          fontFamily: theme.typography.fontFamily,
          fontSize: 26,
          fontWeight: 700,
          letterSpacing: 0.5,
        }}
      >
        Forja
      </span>
    </span>
  );
};
