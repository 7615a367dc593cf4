"""The answer / suggest / decline policy's numbers, in one place for the decide and compose stages.

Set from data: ANSWER_THRESHOLD and SUGGEST_THRESHOLD on the sample set, COVERAGE_THRESHOLD on the working split
of real owner questions (eval/real/work.jsonl), where it traded one answer for five fewer wrong ones.
"""

ANSWER_THRESHOLD = 0.5  # at or above: answer
SUGGEST_THRESHOLD = 0.3  # between this and ANSWER_THRESHOLD: "did you mean"
AMBIGUITY_MARGIN = 0.03  # top two of different intents closer than this: ask which was meant
MAX_STATES_IN_ONE_ANSWER = 3
# a follow-up of over 12 words names at most this many words of its own beyond what it asks of the last topic
# ("how many hours is that job roughly for someone whos never done one": "done")
LONG_FOLLOW_UP_OWN_WORDS = 1
RELATED_TOPIC_THRESHOLD = 0.75  # a general legal topic is added to a state answer only when clearly asked
BETWEEN_STATES_THRESHOLD = 0.6  # ...or, where two states are named, when it is worded somewhat like the post
COVERAGE_THRESHOLD = 0.7  # an entry must speak to this share of the question's weighted words to answer it
# Several unrelated entries about equally good (this many others within this margin of the best, none of them
# worded much like the question) mean the question is not specific enough: "did you mean" instead. (0.06 until the
# fifteenth session, when new entries shifted word weights so the fourth "... not working" entry fell 0.061 behind
# for "my kei truck is not working right"; 0.07 changes no verdict on any set)
SPREAD_MARGIN = 0.07
SPREAD_COUNT = 3
SPREAD_TEXT = 0.8
# One side of "X vs Y" is answered by that truck's own entry only if it speaks to this share of what is asked
# of it ("which has more power, sambar supercharged or carry": the supercharger entry; "for steep hills": not the
# Acty's overheating-on-hills entry, which shares one word of five)
SIDE_COVERAGE = 0.7
# An entry added beside the answering one (scoring about as well, same kind) must speak to this share of the
# question too: a shared word alone ("replace" after a timing-belt question brought both clutch entries) is not
# enough, but half the question is ("does the 2008 EPA crackdown affect 25+ year old ones": the 25-year rule)
COMPANION_COVERAGE = 0.35
# A second question of one word brings its own entry only if the word is this rare in the knowledge base
# ("whats the pressure": 4.6; "how do I test it", "how long does it take": 3.3, words many entries use)
ONE_WORD_QUESTION_IDF = 4.0
# A follow-up of at most this many topic words, all of which the last answer's entry speaks to, asks more of that
# answer ("front vs rear?" after tyre pressures)
REFINING_WORDS = 2
