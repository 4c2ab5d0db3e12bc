/**
 * huijia's own lint rules.
 *
 * no-wall-clock — time is an input: "now" and "today" come from the injected
 * Clock (libs/platform/src/time/clock.ts), so tests choose their date. It
 * forbids `new Date()` without arguments, `Date.now()` and the old
 * `chinaToday()` everywhere but the clock itself. A wait loop's deadline uses
 * `performance.now()` (a monotonic interval, not a date).
 */
const noWallClock = {
  meta: {
    type: 'problem',
    docs: { description: 'forbid reading the wall clock outside the injected Clock' },
    messages: {
      newDate: 'new Date() reads the wall clock: take the time from the injected Clock (clock.now()); a deadline for waiting: performance.now().',
      dateNow: 'Date.now() reads the wall clock: take the time from the injected Clock (clock.now()); a deadline for waiting: performance.now().',
      chinaToday: 'chinaToday() reads the wall clock: take today from the injected Clock (clock.today()).',
    },
    schema: [],
  },
  create(context) {
    return {
      NewExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'Date' && node.arguments.length === 0) context.report({ node, messageId: 'newDate' });
      },
      CallExpression(node) {
        const { callee } = node;
        if (
          callee.type === 'MemberExpression' &&
          callee.object.type === 'Identifier' &&
          callee.object.name === 'Date' &&
          callee.property.type === 'Identifier' &&
          callee.property.name === 'now'
        ) {
          context.report({ node, messageId: 'dateNow' });
        }
        if (callee.type === 'Identifier' && callee.name === 'chinaToday') context.report({ node, messageId: 'chinaToday' });
      },
    };
  },
};

export default { meta: { name: 'huijia' }, rules: { 'no-wall-clock': noWallClock } };
