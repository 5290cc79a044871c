"""The web front end: FastAPI routes, the Gradio chat and staff pages, the portal widget.

Depends on bot/ and index/ only through bot.service.ChatService and the typed models.
"""
import os

# Set before any module of this package imports gradio: without them Gradio and huggingface_hub
# contact outside hosts (analytics, version checks) at import and launch.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("GRADIO_SSR_MODE", "False")
