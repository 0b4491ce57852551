/**
 * Lets a deployment's language model reword each story point after rendering. Off unless a hook is
 * passed; every sentence goes through guard.ts's check, so a model may reword but never invent.
 */
import { namesIn, type RephraseHook, rephraseChecked } from './guard.ts';
import type { RenderedStory } from './render.ts';

/**
 * Each story point through the hook, which sees only its formatted facts; a rewording that states a
 * number that is not a fact is dropped and the template's sentence kept.
 */
export async function rephraseStory(
  story: RenderedStory,
  hook: RephraseHook,
): Promise<RenderedStory> {
  const formatLocale = story.locale;
  const chapters = await Promise.all(
    story.chapters.map(async (chapter) => ({
      ...chapter,
      insights: await Promise.all(
        chapter.insights.map(async (insight) => {
          const { text } = await rephraseChecked(
            insight.text ?? '',
            insight.facts,
            formatLocale,
            hook,
            namesIn(insight),
          );
          return { ...insight, text };
        }),
      ),
    })),
  );
  return { ...story, chapters };
}
