import { ForjaMark } from './ForjaMark';

/** The closed sidebar's logo: Forja's mark. */
export const LogoIcon = () => <ForjaMark size={28} />;
