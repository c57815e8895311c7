-- Deletes every message and claim of the queue; the queue and its marker counter stay.
delete_all_of_queue()
return 1
