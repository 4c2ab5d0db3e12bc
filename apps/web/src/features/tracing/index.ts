export { default as TracingTab } from './components/TracingTab';
