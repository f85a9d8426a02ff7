// The users feature's public API: user administration routes, and what sign-in and the CLI need.
export { userRoutes } from './users.routes.js';
export { createUser, getUser, userForSignIn } from './users.service.js';
