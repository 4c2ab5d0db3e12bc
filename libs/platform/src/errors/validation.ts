import type { ValidationError } from 'class-validator';
import { AppError, type FieldProblem } from './app-error.js';
import { PlatformErrors } from './platform-errors.js';

/** The last number in class-validator's English message ("must not be greater than 150" → "150"). */
function boundIn(message: string): string {
  return /(-?\d+(?:\.\d+)?)(?!.*\d)/.exec(message)?.[1] ?? '';
}

/**
 * The Chinese of each class-validator constraint, by its name; the English
 * message stays beside it (`须为 UUID / id must be a UUID`), so people read
 * Chinese and tools and tests may still match the English.
 */
const CHINESE: Record<string, (message: string) => string> = {
  isUuid: () => '须为 UUID',
  isUUID: () => '须为 UUID',
  isString: () => '须为字符串',
  isInt: () => '须为整数',
  isNumber: () => '须为数字',
  isBoolean: () => '须为布尔值（true 或 false）',
  isDateString: () => '须为有效日期（ISO 8601，如 2026-11-23）',
  isIso8601: () => '须为有效日期或时间（ISO 8601）',
  isISO8601: () => '须为有效日期或时间（ISO 8601）',
  isIn: () => '须为允许的取值之一',
  isEnum: () => '须为允许的取值之一',
  isArray: () => '须为数组',
  isObject: () => '须为对象',
  isNotEmpty: () => '不能为空',
  isDefined: () => '必填',
  isPositive: () => '须为正数',
  arrayNotEmpty: () => '不能为空数组',
  min: (message) => `不得小于 ${boundIn(message)}`,
  max: (message) => `不得大于 ${boundIn(message)}`,
  minLength: (message) => `长度至少 ${boundIn(message)} 个字符`,
  maxLength: (message) => `长度最多 ${boundIn(message)} 个字符`,
  isLength: () => '长度不符合要求',
  arrayMinSize: (message) => `至少 ${boundIn(message)} 项`,
  arrayMaxSize: (message) => `最多 ${boundIn(message)} 项`,
  matches: () => '格式不正确',
  nestedValidation: () => '须为对象或数组',
  whitelistValidation: () => '未知字段',
  unknownValue: () => '未知的值',
};

const HAS_CHINESE = /[\u3400-\u9fff]/;

/** A reason in Chinese with the English beside it; a message a DTO already wrote in both languages stays as it is. */
export function reasonFor(constraint: string, message: string): string {
  if (constraint === 'whitelistValidation') return '未知字段 / unknown field';
  if (HAS_CHINESE.test(message)) return message;
  const chinese = CHINESE[constraint]?.(message) ?? '无效';
  return `${chinese} / ${message}`;
}

/** Flattens nested class-validator errors into `field` paths (`contacts[0].phone`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      problems.push({ field, reason: reasonFor(constraint, message) });
    }
    if (error.children?.length) problems.push(...flattenValidationErrors(error.children, field));
  }
  return problems;
}

/** `ValidationPipe.exceptionFactory`: 422 VALIDATION_FAILED naming each field and its reason. */
export function validationExceptionFactory(errors: ValidationError[]): AppError {
  return new AppError(PlatformErrors.VALIDATION_FAILED, { details: flattenValidationErrors(errors) });
}
