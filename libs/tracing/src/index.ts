export { TracingErrors } from './errors.js';
export { givenPinyin, scorePair, WEIGHTS, type MatchScore, type NameForm, type PersonSide, type RequestSide } from './matcher.js';
export { TracingCoreModule, TracingModule, TracingWorkerModule } from './tracing.module.js';
export { TracingService } from './tracing.service.js';
