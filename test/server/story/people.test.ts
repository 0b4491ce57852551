import { describe, expect, it } from 'vitest';
import { explainChange } from '../../../blueprint/value-math.ts';
import { detectContributors } from '../../../server/insights/contributors.ts';
import { renderInsight } from '../../../server/story/render.ts';
import { namedPeople } from '../../../server/story/story-service.ts';
import { storyInput } from '../insights/story-fixture.ts';

/** People in the story: "User 1", numbered by the value each brought, never a raw id. */
describe('namedPeople', () => {
  const explained = explainChange(
    new Map([
      ['acme-corp-u99', 3000],
      ['acme-corp-u7', 900],
      ['acme-corp-u3', 1000],
    ]),
    new Map([
      ['acme-corp-u99', 1000],
      ['acme-corp-u7', 1000],
      ['acme-corp-u3', 1000],
    ]),
  );
  const input = storyInput({
    explain: {
      total: explained.total,
      dimensions: [{ by: 'user', contributions: explained.contributions }],
    },
    breakdowns: [
      {
        by: 'user',
        contributions: [
          { key: 'acme-corp-u99', money: 3000, share: 0.61 },
          { key: 'acme-corp-u3', money: 1000, share: 0.2 },
          { key: 'acme-corp-u7', money: 900, share: 0.19 },
        ],
      },
    ],
  });

  it('names the person with the most value User 1, in the reader language', () => {
    const [rise] = namedPeople(detectContributors(input), input, 'en');
    const text = renderInsight(rise as NonNullable<typeof rise>, 'en').text ?? '';
    expect(text).toContain('User 1');
    expect(text).not.toMatch(/acme-corp-u\d+/);
    // The provenance keeps the id, so the figure can be reproduced through the API.
    expect(rise?.facts[0]?.provenance.segment?.value).toBe('acme-corp-u99');
    const [german] = namedPeople(detectContributors(input), input, 'de');
    expect(renderInsight(german as NonNullable<typeof german>, 'de').text).toContain('Person 1');
  });
});
