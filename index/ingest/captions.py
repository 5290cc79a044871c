"""A broadcast script's sound bites: a block labelled 【同期声】 and captioned with who speaks is that person's words.

A television or radio news script (电视新闻文稿) is written in labelled blocks: 【导语】 and 【解说】 are the
programme's narration, 【记者出镜】 the reporter on camera, and 【同期声】 (同期, 采访同期) a filmed interviewee
whose name and post the caption line gives ("【同期声】张三 某县商务局局长", a caption on the next line, or
"（张三 某县商务局局长）"). The words of the block, up to the next block label, are that person's statements.
"""
from __future__ import annotations

import re

from index.ingest.names import is_name, signature
from index.models import Document, SourceKind, Speaker

# The labels of a filmed or recorded interviewee's block.
_SOUND_BITE_WORDS = r"同期声?|采访同期|同期采访|现场同期|同期声音|原声|出?录音"
# Such a label, and what follows it on the line (the caption, often).
SOUND_BITE = re.compile(r"^\s*[【\[]\s*(?:" + _SOUND_BITE_WORDS + r")\s*[】\]]\s*[：:]?\s*(?P<caption>.*)$")
# A script's own block labels: a line that opens with one is a block of the script, never a section heading.
SCRIPT_LABEL = re.compile(r"^\s*[【\[]\s*(?:" + _SOUND_BITE_WORDS + r"|导语|解说词?|配音|画外音|旁白|记者出镜|出镜|现场声?|口播|"
                          r"主持人口播|字幕|画面|短片|结束语|编后)\s*[】\]]")
# A note in brackets with its key ("（录音：张三 某局局长）", "（电梯提示音：三楼到了）"): a caption or a sound, no heading.
BRACKETED_NOTE = re.compile(r"[（(][^（）()：:]{1,10}[：:][^（）()]{1,40}[)）]")
# Any block label ("【解说】", "【记者出镜】", "[画面]"): the block before it ends there.
BLOCK_LABEL = re.compile(r"^\s*[【\[][^】\]\s]{1,8}[】\]]")
# A caption line by itself: "字幕：张三 某局局长", "（张三 某局局长）", or the bare "张三 某局局长".
_CAPTION_KEY = re.compile(r"^\s*(?:字幕|画面字幕|人物|受访者|采访对象|录音|同期)\s*[：:]\s*")
# A name then the post, apart by a space or a bracket ("张三 某局局长", "张三（某局局长）", "张三，某局局长").
_NAME_THEN_POST = re.compile(r"^(?P<name>[\u4e00-\u9fff·]{2,5})\s*(?:[\s\u3000]+|[（(，,、]\s*)(?P<title>[^\s（）()“”。：:]{2,30})[)）]?$")
# A post then a name the signature rules do not know as a post ("社区居民 王德福", "村民 李桂英").
_POST_THEN_NAME = re.compile(r"^(?P<title>[^\s（）()“”。：:，,]{2,30})[\s\u3000]+(?P<name>[\u4e00-\u9fff·]{2,5})$")
# A caption of a role alone ("市民", "摊主"): someone speaks, unnamed.
_ROLE_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
CAPTION_MAX = 40


def caption_person(caption: str) -> Speaker | None:
    """The one person a caption names with a post ("张三 某县商务局局长" or "某县商务局局长 张三"), else None."""
    text = _caption_text(caption)
    if not text or len(text) > CAPTION_MAX:
        return None
    signed = signature(text)
    if signed is not None:
        return signed
    m = _NAME_THEN_POST.match(text)
    if m and is_name(m.group("name")):
        return Speaker(m.group("name"), m.group("title"))
    m = _POST_THEN_NAME.match(text)
    if m and is_name(m.group("name")) and not is_name(m.group("title")):
        return Speaker(m.group("name"), m.group("title"))
    return None


def _caption_text(caption: str) -> str:
    """A caption without its brackets and key ("（录音：张三 某局局长）" → "张三 某局局长")."""
    text = caption.strip().strip("（）() \u3000")
    return _CAPTION_KEY.sub("", text).strip("（）() \u3000")


def caption_speaker(caption: str) -> Speaker | None:
    """Who a caption gives the block to: the person it names, or someone unnamed by the role it gives alone
    ("市民", "（村民）"), as an unnamed official is ("该局负责人"); None for a line that is no caption."""
    person = caption_person(caption)
    if person is not None:
        return person
    text = _caption_text(caption)
    return Speaker("", text) if _ROLE_ONLY.match(text) and not is_name(text) else None


def captioned(doc: Document) -> None:
    """Give every sound-bite block of a broadcast script to the person its caption names, in place: only sentences
    no one speaks yet (the narration the rest of the parse left them as). A caption of a role alone ("市民") makes
    the block the statement of someone the text does not name, by that role."""
    person: Speaker | None = None
    caption_next = False  # "【同期声】" alone on its line: the caption is the next line

    def label(text: str) -> bool:
        """Read a line that may open or close a block; True when it is only a label or a caption, no words."""
        nonlocal person, caption_next
        m = SOUND_BITE.match(text)
        if m:
            caption = m.group("caption").strip()
            # "【同期声】张三 某局局长：以前…": the caption, then the words on the same line.
            head, colon, words = (re.split(r"([：:])", caption, maxsplit=1) + ["", ""])[:3]
            person = caption_speaker(head if colon and words.strip() else caption)
            caption_next = not caption
            return not (colon and words.strip() and person is not None)
        if caption_next:
            caption_next = False
            who = caption_speaker(text)
            if who is not None:
                person = who
                return True
        if BLOCK_LABEL.match(text):
            person = None
            return True
        return False

    for section in doc.sections:
        if section.title:
            label(section.title)
        for para in section.paragraphs:
            if label(para.text) or person is None:
                continue
            for sent in para.sentences:
                if sent.speaker is None and sent.kind == SourceKind.NARRATION:
                    sent.speaker, sent.kind = person, SourceKind.STATEMENT
