# Builds fake-ctc/ : a FAKE streaming zipformer2-CTC model with sherpa-onnx's input/output interface and
# metadata but no learned weights. It emits the token "▁YES" for 40 ms output frames whose mean log-mel
# energy is high (loud broadband audio) and blank otherwise, and passes its states through unchanged. It exists only to
# drive the real sherpa-onnx-node recognizer through the engine's worker in tests (no real model here).
# Run: /usr/bin/python3 src/asr/sherpa/testdata/make-fake-ctc.py
import os
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fake-ctc')
os.makedirs(here, exist_ok=True)
V, FEAT, CHUNK, T = 3, 80, 32, 45  # vocab, mel bins, decode_chunk_len (10 ms frames), frames per call
meta = dict(encoder_dims='8', query_head_dims='2', value_head_dims='2', num_heads='1', num_encoder_layers='1',
            cnn_module_kernels='3', left_context_len='4', T=str(T), decode_chunk_len=str(CHUNK), model_type='zipformer2')

states = [  # name, shape (N = batch), type
    ('cached_key_0', [4, 'N', 2], TensorProto.FLOAT), ('cached_nonlin_attn_0', [1, 'N', 4, 6], TensorProto.FLOAT),
    ('cached_val1_0', [4, 'N', 2], TensorProto.FLOAT), ('cached_val2_0', [4, 'N', 2], TensorProto.FLOAT),
    ('cached_conv1_0', ['N', 8, 1], TensorProto.FLOAT), ('cached_conv2_0', ['N', 8, 1], TensorProto.FLOAT),
    ('embed_states', ['N', 128, 3, 19], TensorProto.FLOAT), ('processed_lens', ['N'], TensorProto.INT64),
]
inputs = [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['N', T, FEAT])]
inputs += [helper.make_tensor_value_info(n, t, s) for n, s, t in states]
outputs = [helper.make_tensor_value_info('log_probs', TensorProto.FLOAT, ['N', CHUNK // 4, V])]
outputs += [helper.make_tensor_value_info('new_' + n, t, s) for n, s, t in states]

# logits = mean_mel * w + b: voice (mean log-mel above about -6) -> token 1, else blank 0
w = np.zeros((FEAT, V), np.float32); w[:, 1] = 2.0 / FEAT
b = np.array([0.0, 12.0, -100.0], np.float32)
inits = [numpy_helper.from_array(w, 'w'), numpy_helper.from_array(b, 'b'),
         numpy_helper.from_array(np.array([0], np.int64), 'starts'), numpy_helper.from_array(np.array([CHUNK], np.int64), 'ends'),
         numpy_helper.from_array(np.array([1], np.int64), 'axes'), numpy_helper.from_array(np.array([4], np.int64), 'steps')]
nodes = [
    helper.make_node('Slice', ['x', 'starts', 'ends', 'axes', 'steps'], ['xs']),
    helper.make_node('MatMul', ['xs', 'w'], ['xw']),
    helper.make_node('Add', ['xw', 'b'], ['logits']),
    helper.make_node('LogSoftmax', ['logits'], ['log_probs'], axis=-1),
] + [helper.make_node('Identity', [n], ['new_' + n]) for n, _, _ in states]
graph = helper.make_graph(nodes, 'fake_zipformer2_ctc', inputs, outputs, inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13)])
model.ir_version = 8
for k, v in meta.items():
    model.metadata_props.append(onnx.StringStringEntryProto(key=k, value=v))
onnx.checker.check_model(model)
onnx.save(model, os.path.join(here, 'ctc-fake.onnx'))
with open(os.path.join(here, 'tokens.txt'), 'w') as f:
    f.write('<blk> 0\n\u2581YES 1\n<unk> 2\n')
print('wrote', here)
