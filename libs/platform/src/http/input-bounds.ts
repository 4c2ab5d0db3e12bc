import { registerDecorator, ValidateIf, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { RequestContext } from '../context/request-context.js';

/** Money in yuan: numeric(12, 2) holds up to 10^10; no assistance or contribution comes near 100 million. */
export const MAX_AMOUNT_YUAN = 100_000_000;

/** The largest value of an integer column (versions, counts): beyond it PostgreSQL refuses the comparison itself. */
export const MAX_INT4 = 2_147_483_647;

/** The earliest date huijia records: nobody it helps was born, nor anything it records happened, before 1900. */
export const EARLIEST_DATE = '1900-01-01';

/** May be left out, but when present (null included) it is validated: `null` is not a way to leave a field out. */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** A date-time may lie a few minutes ahead of the server's clock (the caller's clock, the network). */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * A date (YYYY-MM-DD) or date-time that is not before 1900 and, with
 * `past: true`, not after today: for things that have already happened
 * (a birth, a handover, a visit). "Today" is the request's, from the Clock
 * (RequestContext), so tests standing on TEST_TODAY see the same day.
 */
export function IsPlausibleDate(options: { past?: boolean } = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isPlausibleDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: validationOptions,
      validator: {
        validate(value: unknown): boolean {
          // Not a date at all: @IsDateString / @IsISO8601 beside this one says so.
          if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return true;
          if (value.slice(0, 10) < EARLIEST_DATE) return false;
          if (!options.past) return true;
          const store = RequestContext.current();
          if (!store?.clock) return true;
          if (value.length <= 10) return value <= store.clock.today();
          return Date.parse(value) <= store.clock.now().getTime() + CLOCK_SKEW_MS;
        },
        defaultMessage(args: ValidationArguments): string {
          const value = String(args.value);
          return value.slice(0, 10) < EARLIEST_DATE ? `不得早于 ${EARLIEST_DATE} / must not be before ${EARLIEST_DATE}` : '不能晚于今天 / must not be in the future';
        },
      },
    });
  };
}
