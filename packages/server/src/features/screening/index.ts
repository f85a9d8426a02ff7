// The screening feature's public API: its routes, and the default questionnaire the seed stores.
export { screeningRoutes } from './screening.routes.js';
export { getScreening, seedDefaultQuestionnaire } from './screening.service.js';
