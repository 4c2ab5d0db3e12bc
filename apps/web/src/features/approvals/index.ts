export { approvalKeys } from './api';
