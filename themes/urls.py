"""The site shell's own addresses (care mode, favicon)."""

urlpatterns = []
