/** The shell feature's public API: other features import it only from here. */
export { AppRoutes } from './app-routes';
