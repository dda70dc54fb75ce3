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

__all__ = [
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
]
