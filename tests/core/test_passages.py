from bot.core import passages


def test_the_state_topics_file_is_read_once() -> None:
    """Start-up calls it for every state entry; it was re-read each time when its cache went missing."""
    assert passages.state_topics() is passages.state_topics()
    assert passages.related_conditions() is passages.related_conditions()
