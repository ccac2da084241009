// CLI end-to-end tests live here.
