# Placeholder: the name and place of this file are the real repository's; the content is not.
