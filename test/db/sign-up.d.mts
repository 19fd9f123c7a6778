export const SIGN_UP: string;
