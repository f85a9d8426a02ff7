/** The screening feature's public API: other features import it only from here. */
export { ScreeningInterview } from './screening-interview';
