import { readFileSync } from 'node:fs';
import { MIN_PEER_ACCOUNTS } from '../../blueprint/peers.ts';
import { validateValueModel } from '../../blueprint/validate-model.ts';
import { basisOf } from '../../blueprint/value-model.ts';
import { parse, UsageError } from './args.ts';

/** Checks a value model file: its problems by path (exit 1), or what the model says (exit 0). */
export function validateModelCommand(args: string[]): number {
  const { positionals } = parse(args, {});
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    throw new UsageError('validate-model takes exactly one FILE', true);
  }
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read';
    console.error(`valueprint: ${file} ${reason}: ${(error as Error).message}`);
    return 1;
  }
  const result = validateValueModel(input);
  const issueLine = ({ path, message }: { path: string; message: string }) =>
    `  ${path ? `${path}: ` : ''}${message}`;
  const warnings = result.warnings.map(issueLine);
  if (!result.ok) {
    const problems = result.issues.length === 1 ? 'problem' : 'problems';
    console.error(`${file} is not a valid value model (${result.issues.length} ${problems}):`);
    console.error(result.issues.map(issueLine).join('\n'));
    if (warnings.length > 0) console.error(`Also worth a look:\n${warnings.join('\n')}`);
    return 1;
  }
  const { model } = result;
  const text = (value: unknown) => JSON.stringify(value);
  const lines = [
    `${file} is a valid value model.`,
    `${model.product}, money in ${model.currency}` +
      (model.price ? `; spend from the account trait ${text(model.price.trait)}` : '; no price'),
    '',
    `Drivers (${model.drivers.length}):`,
  ];
  for (const driver of model.drivers) {
    const quantity =
      'count' in driver.quantity
        ? 'count of events'
        : 'sum' in driver.quantity
          ? `sum of ${text(driver.quantity.sum)}`
          : 'distinct users';
    const where = driver.where
      .map(
        (clause) =>
          `${clause.property} ${clause.op}${clause.value === undefined ? '' : ` ${text(clause.value)}`}`,
      )
      .join(' and ');
    const formula =
      driver.unit === 'currency'
        ? `${quantity}${driver.perUnit === 1 ? '' : ` × ${driver.perUnit}`}, in ${model.currency}`
        : `${quantity} × ${driver.perUnit} ${driver.unit.plural}` +
          driver.rates.map((rate) => ` × ${rate}`).join('') +
          ` → ${model.currency}`;
    lines.push(
      `  ${driver.id} (${driver.category}, ${basisOf(driver)}): ${driver.label}`,
      `    from ${text(driver.event)}${where ? ` where ${where}` : ''}: ${formula}`,
    );
  }
  lines.push('', `Assumptions (${model.assumptions.length}):`);
  for (const assumption of model.assumptions) {
    lines.push(
      `  ${assumption.id} = ${assumption.default} ${assumption.unit} (${assumption.min} to ${assumption.max}` +
        `${assumption.customerEditable ? ', customer-editable' : ''}): ${assumption.label}`,
    );
  }
  lines.push('', `Segments (${model.segments.length}):`);
  for (const segment of model.segments) {
    lines.push(`  ${segment.id}: ${segment.label} (property ${text(segment.property)})`);
  }
  if (model.offers.length > 0) {
    const cohort = model.peers?.cohortTraits.length
      ? `accounts with the same ${model.peers.cohortTraits.map(text).join(', ')}`
      : 'all accounts';
    lines.push(
      '',
      `Offers (${model.offers.length}), valued among ${cohort}, from at least ${model.peers?.minAccounts ?? MIN_PEER_ACCOUNTS} that use them:`,
    );
    for (const offer of model.offers) {
      const only = offer.eligible?.traits.length
        ? `; only where ${offer.eligible.traits.map((clause) => `${clause.property} ${clause.op} ${text(clause.value)}`).join(' and ')}`
        : '';
      const estimate = offer.estimate
        ? `; else the vendor's ${offer.estimate.perUserPerWeek} per user a week`
        : '; not shown without enough peers';
      lines.push(
        `  ${offer.id} (${offer.kind}): ${offer.label} → grows ${offer.drivers.join(', ')}${only}${estimate}`,
      );
    }
  }
  if (warnings.length > 0) lines.push('', `Worth a look (${warnings.length}):`, ...warnings);
  console.log(lines.join('\n'));
  return 0;
}
