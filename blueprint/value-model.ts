import { z } from 'zod';
import { MIN_PEER_ACCOUNTS } from './peers.ts';

/**
 * The vendor's value blueprint: how usage of its product turns into value its customers care about.
 * One JSON document, validated here; every other surface (value API, story, scenarios, next-best)
 * reads the same model. Cross-references (rates naming assumptions, duplicate ids, …) are checked in
 * `validateValueModel`, so errors can name the path in words a product manager understands.
 */

const id = z
  .string({ error: 'expected an id: lower-case letters, digits and underscores' })
  .regex(
    /^[a-z][a-z0-9_]{0,63}$/,
    'ids use lower-case letters, digits and underscores, starting with a letter (at most 64)',
  );

const label = z
  .string({ error: 'expected a short label people read' })
  .trim()
  .min(1, 'must not be empty')
  .max(120);

/** A property name as sent in events (any non-empty string, e.g. "status" or "deal.amount"). */
const propertyName = z.string({ error: 'expected the name of an event property' }).min(1).max(200);

export const categories = ['efficiency', 'cost', 'revenue', 'risk'] as const;
export const categorySchema = z.enum(categories, {
  error: `expected one of ${categories.join(', ')}`,
});
export type Category = z.infer<typeof categorySchema>;

export const assumptionSchema = z
  .object({
    id,
    label,
    /** How the rate reads, e.g. "USD/hour". */
    unit: z.string().min(1).max(40),
    default: z.number({ error: 'expected a number' }).finite(),
    min: z.number().finite(),
    max: z.number().finite(),
    customerEditable: z.boolean().default(false),
    /** Where the default comes from (a study, a benchmark, the customer's contract). */
    source: z.string().min(1, 'say where the default comes from').max(500),
  })
  .strict();
export type Assumption = z.infer<typeof assumptionSchema>;

export const whereOps = ['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;
const scalar = z.union([z.string(), z.number().finite(), z.boolean()]);
export const whereSchema = z
  .object({
    property: propertyName,
    op: z.enum(whereOps, { error: `expected one of ${whereOps.join(', ')}` }),
    value: z
      .union([scalar, z.array(scalar).min(1, 'list at least one value')], {
        error: 'expected text, a number, true or false, or a list of them',
      })
      .optional(),
  })
  .strict();
export type WhereClause = z.infer<typeof whereSchema>;

export const quantitySchema = z.union(
  [
    z.object({ count: z.literal(true) }).strict(),
    z.object({ sum: propertyName }).strict(),
    z.object({ distinctUsers: z.literal(true) }).strict(),
  ],
  { error: 'expected one of {"count": true}, {"sum": "<property>"} or {"distinctUsers": true}' },
);
export type Quantity = z.infer<typeof quantitySchema>;

export const unitSchema = z.union(
  [
    z.literal('currency'),
    z
      .object({
        singular: z.string().min(1).max(40),
        plural: z.string().min(1).max(40),
        /** Things that come whole (tickets, incidents, deals): always shown as whole numbers. */
        whole: z.boolean().optional(),
      })
      .strict(),
  ],
  { error: 'expected "currency" or {"singular": "hour", "plural": "hours"}' },
);
export type Unit = z.infer<typeof unitSchema>;

export const driverSchema = z
  .object({
    id,
    label,
    category: categorySchema,
    /** The track event that produces this value. */
    event: z.string().min(1, 'name the track event that produces this value').max(256),
    where: z.array(whereSchema).default([]),
    quantity: quantitySchema,
    /** Value in the driver's unit for one unit of quantity (e.g. 0.2 hours per workflow run). */
    perUnit: z.number().finite().default(1),
    unit: unitSchema,
    /** Assumption ids whose values multiply value into money; none for a currency unit. */
    rates: z.array(id).default([]),
    /** The product feature this value comes from, for cuts by feature. */
    feature: z.string().min(1).max(120).optional(),
    goodDirection: z.enum(['up', 'down']).default('up'),
    /** What this driver means, said to the customer (optional, shown with the formula). */
    description: z.string().max(500).optional(),
  })
  .strict();
export type Driver = z.infer<typeof driverSchema>;

/** What an offer is: a feature to adopt, an add-on or plan to buy, a service to book. */
export const offerKinds = ['feature', 'addon', 'plan', 'service'] as const;

/**
 * A next step the vendor can recommend: the value it unlocks or grows (`drivers`), who may get it
 * (`eligible`, on account traits), what the customer does (`cta`), and the vendor's own figure for
 * when too few peers use it (`estimate`: quantity of its first driver per active user per week).
 */
export const offerSchema = z
  .object({
    id,
    label,
    kind: z.enum(offerKinds, { error: `expected one of ${offerKinds.join(', ')}` }),
    /** One or two sentences the customer reads. */
    description: z.string().trim().min(1, 'must not be empty').max(500),
    drivers: z.array(id).min(1, 'name the value this offer unlocks or grows'),
    eligible: z
      .object({ traits: z.array(whereSchema).max(10).default([]) })
      .strict()
      .optional(),
    cta: z
      .object({
        label,
        url: z
          .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
          .max(2_000)
          .optional(),
      })
      .strict(),
    estimate: z.object({ perUserPerWeek: z.number().finite().positive() }).strict().optional(),
    /** The vendor's weight in the ranking (1: as the numbers say). */
    weight: z.number().finite().positive().max(10).default(1),
  })
  .strict();
export type Offer = z.infer<typeof offerSchema>;

/** Who counts as "customers like this one": accounts sharing these traits, at least so many. */
export const peersSchema = z
  .object({
    cohortTraits: z.array(z.string().min(1).max(200)).max(5).default([]),
    minAccounts: z
      .number()
      .int()
      .min(
        MIN_PEER_ACCOUNTS,
        `at least ${MIN_PEER_ACCOUNTS}: no peer figure is shown from fewer accounts`,
      )
      .max(1_000)
      .default(MIN_PEER_ACCOUNTS),
  })
  .strict();
export type Peers = z.infer<typeof peersSchema>;

export const segmentSchema = z
  .object({
    id,
    label,
    /** The event property holding the segment value (e.g. "team"). */
    property: propertyName,
  })
  .strict();
export type Segment = z.infer<typeof segmentSchema>;

const localeTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as "de" or "es-MX"');
const words = z.string().trim().min(1, 'must not be empty').max(120);

/**
 * The model's words in one language: labels and units of drivers, assumptions and segments, by
 * id. Whatever is left out reads as in the model.
 */
export const modelWordsSchema = z
  .object({
    product: words.optional(),
    drivers: z
      .record(
        z.string(),
        z
          .object({
            label: words.optional(),
            unit: z
              .object({ singular: z.string().min(1).max(40), plural: z.string().min(1).max(40) })
              .strict()
              .optional(),
            description: z.string().max(500).optional(),
          })
          .strict(),
      )
      .optional(),
    assumptions: z
      .record(
        z.string(),
        z
          .object({
            label: words.optional(),
            unit: z.string().min(1).max(40).optional(),
            source: z.string().min(1).max(500).optional(),
          })
          .strict(),
      )
      .optional(),
    segments: z.record(z.string(), z.object({ label: words }).strict()).optional(),
    offers: z
      .record(
        z.string(),
        z
          .object({
            label: words.optional(),
            description: z.string().trim().min(1).max(500).optional(),
            cta: words.optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();
export type ModelWords = z.infer<typeof modelWordsSchema>;

export const valueModelSchema = z
  .object({
    product: label,
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code such as USD or EUR'),
    /** Where the customer's annual spend comes from, for ROI and payback. */
    price: z
      .object({ trait: z.string().min(1).max(200) })
      .strict()
      .optional(),
    /**
     * The account's contract start: the account trait holding it (YYYY-MM-DD or an ISO time).
     * Spend and comparisons count from it; without it, from the account's first activity.
     */
    account: z
      .object({ startTrait: z.string().min(1).max(200).optional() })
      .strict()
      .optional(),
    /** Scenario planning: the account trait holding its seats, the most people who can adopt. */
    scenarios: z
      .object({ seatsTrait: z.string().min(1).max(200).optional() })
      .strict()
      .optional(),
    assumptions: z.array(assumptionSchema).default([]),
    drivers: z.array(driverSchema).min(1, 'a value model needs at least one driver'),
    segments: z.array(segmentSchema).max(8, 'at most 8 segments').default([]),
    /** Next steps to recommend, valued from peers like the account (at most 50). */
    offers: z.array(offerSchema).max(50, 'at most 50 offers').default([]),
    /** How peers are found for offers. */
    peers: peersSchema.optional(),
    /** The model's own words in other languages, by language tag ("de", "es"). */
    locales: z.record(localeTag, modelWordsSchema).optional(),
  })
  .strict();
export type ValueModel = z.infer<typeof valueModelSchema>;

/** Money counted from events (a deal amount) is measured; money from assumptions is modelled. */
export function basisOf(driver: Driver): 'measured' | 'modelled' {
  return driver.unit === 'currency' && driver.rates.length === 0 ? 'measured' : 'modelled';
}

/** The published JSON Schema of the document vendors write. */
export function valueModelJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(valueModelSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
}

/** The language a tag falls back to among the model's: "de-AT" → "de"; none → undefined. */
function wordsFor(model: ValueModel, locale: string | undefined): ModelWords | undefined {
  if (!locale || !model.locales) return undefined;
  // "es_MX" is read as "es-MX", as the story reads it: Spanish words, whatever the separator.
  const spelled = (tag: string) => tag.toLowerCase().replaceAll('_', '-');
  const tag = spelled(locale);
  const own = Object.entries(model.locales);
  return (
    own.find(([key]) => spelled(key) === tag)?.[1] ??
    own.find(([key]) => spelled(key) === tag.split('-')[0])?.[1]
  );
}

/**
 * The model in the reader's language: every label, unit and description the model translates for
 * that language replaces its own; the rest stays as written. Ids, numbers and `whole` never change.
 */
export function localizeModel(model: ValueModel, locale: string | undefined): ValueModel {
  const words = wordsFor(model, locale);
  if (!words) return model;
  return {
    ...model,
    product: words.product ?? model.product,
    drivers: model.drivers.map((driver) => {
      const own = words.drivers?.[driver.id];
      if (!own) return driver;
      const unit =
        own.unit && driver.unit !== 'currency'
          ? { ...driver.unit, singular: own.unit.singular, plural: own.unit.plural }
          : driver.unit;
      return {
        ...driver,
        label: own.label ?? driver.label,
        unit,
        ...(own.description ? { description: own.description } : {}),
      };
    }),
    assumptions: model.assumptions.map((assumption) => {
      const own = words.assumptions?.[assumption.id];
      return own
        ? {
            ...assumption,
            label: own.label ?? assumption.label,
            unit: own.unit ?? assumption.unit,
            source: own.source ?? assumption.source,
          }
        : assumption;
    }),
    offers: model.offers.map((offer) => {
      const own = words.offers?.[offer.id];
      if (!own) return offer;
      return {
        ...offer,
        label: own.label ?? offer.label,
        description: own.description ?? offer.description,
        cta: { ...offer.cta, label: own.cta ?? offer.cta.label },
      };
    }),
    segments: model.segments.map((segment) => {
      const own = words.segments?.[segment.id];
      return own ? { ...segment, label: own.label } : segment;
    }),
  };
}
