from .agencies import Agency  # noqa: F401
from .index_numbers import IndexNumber  # noqa: F401
from .pages import ArticleAttachment, ArticleIndexPage, ArticlePage, HomePage  # noqa: F401
from .personal_data_exceptions import PersonalDataException  # noqa: F401
from .taxonomy import Genre, Topic  # noqa: F401
