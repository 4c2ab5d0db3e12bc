export { policeKeys } from './api';
