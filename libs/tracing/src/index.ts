export { TracingErrors } from './errors.js';
export { givenPinyin, scorePair, WEIGHTS, type MatchScore, type NameForm, type PersonSide, type RequestSide } from './matching/matcher.js';
export { MatchingService } from './matching/matching.service.js';
export { TracingCoreModule, TracingModule, TracingWorkerModule } from './tracing.module.js';
