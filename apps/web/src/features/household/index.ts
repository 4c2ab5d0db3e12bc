export { default as HouseholdTab } from './components/HouseholdTab';
export { useHouseholdTask } from './api';
