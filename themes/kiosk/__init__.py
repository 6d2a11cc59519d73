"""The kiosk theme: the centre's touch screen. Large targets, no typing, nothing that leaves the site."""
