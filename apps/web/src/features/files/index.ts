export { fileKeys, type FileState } from './api';
export { isMinor, MinorTag, StateTag } from './components/StateTag';
