"""Types of navne's compiled module, re-exported by the package ``navne``."""

import os
from typing import Iterable, Iterator, Optional, Sequence, Union

__version__: str

class NavneError(Exception):
    """An error navne reports (a gazetteer or word list that cannot be read or is
    malformed); its message is navne's."""

class Mention:
    """One mention in a text: where it is, what it names and how it was found."""

    @property
    def start(self) -> int:
        """Start, as a Python string index (code points) into the text."""
    @property
    def end(self) -> int:
        """End (exclusive): ``text[start:end]`` is the mention."""
    @property
    def text(self) -> str:
        """The mention as written."""
    @property
    def label(self) -> str:
        """``"PER"``, ``"LOC"``, ``"ORG"``, or a label of a gazetteer of your own."""
    @property
    def entity_id(self) -> Optional[str]:
        """The id of the gazetteer entry named, or None for a name no gazetteer lists."""
    @property
    def canonical(self) -> str:
        """The entry's name, the full name a later reference refers to, or the mention."""
    @property
    def method(self) -> str:
        """``"gazetteer"``, ``"alias"`` or ``"pattern"``."""
    def to_dict(self) -> dict[str, Union[int, str, None]]:
        """The fields as a dict, as a row of a pandas DataFrame takes them."""
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class Pipe(Iterator[list[Mention]]):
    """The mentions of each text given to ``Tagger.pipe``, one list per text, in order."""

    def __iter__(self) -> "Pipe": ...
    def __next__(self) -> list[Mention]: ...

class Tagger:
    """A tagger built once from gazetteers, word lists and rule layers.

    ``gazetteers`` is a directory of gazetteers (the shipped ones when None); ``without``
    names rule layers to switch off, or ``"all"`` for the gazetteer pass alone. Raises
    ``NavneError`` when the gazetteers cannot be loaded, ``ValueError`` for an unknown layer.
    """

    def __init__(
        self,
        gazetteers: Optional[Union[str, os.PathLike[str]]] = None,
        without: Sequence[str] = (),
    ) -> None: ...
    @property
    def layers(self) -> list[str]:
        """The rule layers that run, by name, in the order they run."""
    def tag(self, text: str) -> list[Mention]:
        """The mentions of ``text``, in order, none overlapping. Raises ``TypeError`` for
        anything but a str."""
    def candidates(self, text: str) -> list[Mention]:
        """Every candidate name of ``text`` before the final choice: overlapping ones
        included, sorted by start, then longest first."""
    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Pipe:
        """The mentions of each text of ``texts``, one list per text, in input order; each
        batch of ``batch_size`` texts is tagged in parallel without the GIL."""
