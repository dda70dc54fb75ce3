from tillid.knowledge.models.pages import (
    ContentPage,
    HomePage,
    InspirationIndexPage,
    InspirationPage,
    KnowledgePage,
    LegislationPage,
    ResearchIndexPage,
    ResearchItemPage,
    ToolboxArticlePage,
    ToolboxIndexPage,
)
from tillid.knowledge.models.taxonomy import Audience, Topic

__all__ = [
    "Audience",
    "ContentPage",
    "HomePage",
    "InspirationIndexPage",
    "InspirationPage",
    "KnowledgePage",
    "LegislationPage",
    "ResearchIndexPage",
    "ResearchItemPage",
    "ToolboxArticlePage",
    "ToolboxIndexPage",
    "Topic",
]
