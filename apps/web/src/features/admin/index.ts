export { adminKeys } from './api';
