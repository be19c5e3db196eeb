from wagtail import hooks

from .rich_text import NoReferrerExternalLinkHandler


@hooks.register("register_rich_text_features")
def register_noreferrer_external_links(features):
    features.register_link_type(NoReferrerExternalLinkHandler)
