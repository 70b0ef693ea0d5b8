{
  "targets": [
    {
      "target_name": "pocketsphinx_addon",
      "sources": ["src/addon.cc"],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<!@(pkg-config --cflags-only-I pocketsphinx sphinxbase | sed 's/-I//g')"
      ],
      "libraries": ["<!@(pkg-config --libs pocketsphinx sphinxbase)"],
      "defines": ["NAPI_VERSION=8", "NODE_ADDON_API_DISABLE_CPP_EXCEPTIONS"],
      "cflags_cc": ["-std=c++17", "-O2"]
    }
  ]
}
