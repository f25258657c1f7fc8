"""One reader per document format, each turning a file into structural blocks (headings,
list items, paragraphs) in reading order: :mod:`.markdown`, :mod:`.text`, :mod:`.pdf` and
:mod:`.docx`, with what they share in :mod:`.base`. :func:`assistant.knowledge.documents.read_blocks`
picks the reader by file suffix and turns every failure into a :class:`~.base.DocumentError`."""
